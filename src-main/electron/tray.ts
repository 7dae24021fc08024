/** The tray icon: open the window, quit. Areas add items (the auto bind/unbind switch) through `extraItems`. */
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { join } from 'node:path';

export function createTray(open: () => void, quit: () => void, extraItems: () => MenuItemConstructorOptions[] = () => []): Tray {
  const icon = nativeImage.createFromPath(join(__dirname, '../../build/icon.png')).resize({ width: 16, height: 16 });
  const tray = new Tray(icon);
  tray.setToolTip('全托管卖家助手');
  const rebuild = () =>
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: '打开全托管卖家助手', click: open },
        ...extraItems(),
        { type: 'separator' },
        { label: '退出', click: quit },
      ]),
    );
  rebuild();
  tray.on('click', open);
  tray.on('right-click', rebuild);
  return tray;
}
