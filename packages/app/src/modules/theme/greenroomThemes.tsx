import {
  createBaseThemeOptions,
  createUnifiedTheme,
  genPageTheme,
  palettes,
  shapes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import LightIcon from '@material-ui/icons/WbSunny';
import DarkIcon from '@material-ui/icons/Brightness2';

const green = { main: '#1f7a55', light: '#4fae84', dark: '#0f5137' };

const pageTheme = {
  home: genPageTheme({ colors: ['#0f5137', '#2e9e6e'], shape: shapes.wave }),
  documentation: genPageTheme({
    colors: ['#14532d', '#3f8f5f'],
    shape: shapes.wave2,
  }),
  tool: genPageTheme({ colors: ['#134e4a', '#2a9d8f'], shape: shapes.round }),
  service: genPageTheme({ colors: ['#0f5137', '#2e9e6e'], shape: shapes.wave }),
  website: genPageTheme({ colors: ['#1e3a5f', '#2e9e6e'], shape: shapes.wave }),
  library: genPageTheme({ colors: ['#3b3b1f', '#7a8f2e'], shape: shapes.wave }),
  other: genPageTheme({ colors: ['#0f5137', '#2e9e6e'], shape: shapes.wave }),
  app: genPageTheme({ colors: ['#134e4a', '#2e9e6e'], shape: shapes.wave }),
  apis: genPageTheme({ colors: ['#1e3a5f', '#2a9d8f'], shape: shapes.wave2 }),
};

const greenroomLight = createUnifiedTheme({
  ...createBaseThemeOptions({
    palette: {
      ...palettes.light,
      primary: green,
      secondary: { main: '#c2873a' },
      navigation: {
        ...palettes.light.navigation,
        background: '#0d2b22',
        indicator: '#6fd3a5',
        selectedColor: '#ffffff',
        color: '#c9dcd3',
        navItem: { hoverBackground: '#174236' },
      },
    },
  }),
  fontFamily: '"Inter", "Helvetica Neue", Arial, sans-serif',
  defaultPageTheme: 'home',
  pageTheme,
});

const greenroomDark = createUnifiedTheme({
  ...createBaseThemeOptions({
    palette: {
      ...palettes.dark,
      primary: { main: '#6fd3a5' },
      secondary: { main: '#e0a95e' },
      navigation: {
        ...palettes.dark.navigation,
        background: '#0a1f19',
        indicator: '#6fd3a5',
      },
    },
  }),
  fontFamily: '"Inter", "Helvetica Neue", Arial, sans-serif',
  defaultPageTheme: 'home',
  pageTheme,
});

/** Greenroom's light theme, the default. */
export const greenroomLightTheme = ThemeBlueprint.make({
  name: 'light',
  params: {
    theme: {
      id: 'light',
      title: 'Greenroom light',
      variant: 'light',
      icon: <LightIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={greenroomLight} children={children} />
      ),
    },
  },
});

/** Greenroom's dark theme. */
export const greenroomDarkTheme = ThemeBlueprint.make({
  name: 'dark',
  params: {
    theme: {
      id: 'dark',
      title: 'Greenroom dark',
      variant: 'dark',
      icon: <DarkIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={greenroomDark} children={children} />
      ),
    },
  },
});
