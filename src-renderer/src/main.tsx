import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// antd's styles built ahead (zero-runtime mode, App.tsx): no style generated while the first screen renders.
import 'antd/dist/antd.css';
import './i18n';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
