import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { greenroomDarkTheme, greenroomLightTheme } from './greenroomThemes';

/** Replaces the app's default light and dark themes with Greenroom's. */
export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [greenroomLightTheme, greenroomDarkTheme],
});
