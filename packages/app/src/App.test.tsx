import { render, screen } from '@testing-library/react';
import App from './App';

jest.setTimeout(30_000);

describe('App', () => {
  const originalEnv = process.env;

  beforeEach(() => {
    // The app reads its config from APP_CONFIG, as the built app does.
    process.env = {
      ...originalEnv,
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };
  });

  afterEach(() => {
    process.env = originalEnv;
  });

  it('starts at the Greenroom sign-in page, with guest sign-in by default', async () => {
    render(App.createRoot());

    // The whole app loads lazily: on a busy CI machine that takes more than
    // findBy's default second.
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Welcome to Greenroom' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
    expect(screen.queryByText('Sign in using GitHub')).not.toBeInTheDocument();
  });
});
