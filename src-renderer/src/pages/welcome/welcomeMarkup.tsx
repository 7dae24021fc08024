/**
 * Welcome as HTML, rendered in Node by the build (build/firstRunWelcome.ts) for the web host's
 * first-run page: the browser paints it as the page parses, and the entry hydrates it (main.tsx).
 * Its markup must be what the entry's first render draws for a first run (App.tsx: antd App's
 * element around Welcome, nothing chosen yet, no error), or React throws it away and draws again.
 */
import { renderToString } from 'react-dom/server';
import { createInstance } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import * as appWords from '../../locales/app';
import { WelcomeView } from './WelcomeView';
import type { Language } from '../../../../src-shared/types/app';

export function welcomeMarkup(language: Language): string {
  const i18n = createInstance({
    resources: { [language]: { [appWords.namespace]: language === 'en-US' ? appWords.en : appWords.zh } },
    lng: language,
    defaultNS: appWords.namespace,
    interpolation: { escapeValue: false },
    // Synchronous: the resources are given, and the render below needs them now.
    initAsync: false,
  });
  void i18n.init();
  return renderToString(
    <I18nextProvider i18n={i18n}>
      <div className="ant-app">
        <WelcomeView busy={false} onChoose={() => undefined} />
      </div>
    </I18nextProvider>,
  );
}
