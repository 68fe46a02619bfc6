import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { githubAuthApiRef } from '@backstage/frontend-plugin-api';
import { oidcAuthApiRef } from '../oidcAuthApi';
import { GreenroomSignInPage } from './SignInPage';

const refused =
  "No user in the catalog has the email x@y.com. Ask a Greenroom admin to add you to the organization's user directory (LDAP, the GitHub organization, Microsoft Entra ID) or to a users file; until then you cannot sign in.";

function authApi(error: Error) {
  return {
    getBackstageIdentity: jest.fn(async (options?: { optional?: boolean }) => {
      if (options?.optional) {
        return undefined;
      }
      throw error;
    }),
    getProfile: jest.fn(),
    signIn: jest.fn(),
    signOut: jest.fn(),
    sessionState$: jest.fn(),
  };
}

function named(name: string, message: string) {
  return Object.assign(new Error(message), { name });
}

async function renderPage(providers: string[], apis: any[]) {
  await renderInTestApp(<GreenroomSignInPage onSignInSuccess={jest.fn()} />, {
    config: {
      app: { title: 'Greenroom' },
      greenroom: { signIn: { providers, oidc: { title: 'Northwind SSO' } } },
    },
    apis,
  });
}

describe('GreenroomSignInPage', () => {
  it('offers the configured providers, OIDC under its title', async () => {
    await renderPage(
      ['oidc', 'github'],
      [
        [oidcAuthApiRef, authApi(new Error('unused'))],
        [githubAuthApiRef, authApi(new Error('unused'))],
      ],
    );
    expect(
      await screen.findByText(
        'Sign in with your company account (Northwind SSO)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Sign in using GitHub')).toBeInTheDocument();
  });

  it("shows a refused sign-in in the page, in the backend's words", async () => {
    await renderPage(
      ['oidc'],
      [[oidcAuthApiRef, authApi(named('NotFoundError', refused))]],
    );
    await userEvent.click(
      await screen.findByRole('button', { name: /sign in/i }),
    );
    expect(await screen.findByText(refused)).toBeInTheDocument();
    expect(
      screen.getByText('Error: You are not signed in'),
    ).toBeInTheDocument();
    expect(
      screen.queryByText(/NotFoundError|Login failed/),
    ).not.toBeInTheDocument();
  });

  it('shows nothing when the person closes the popup', async () => {
    const api = authApi(
      named('PopupRejectedError', 'Login failed, popup was closed'),
    );
    await renderPage(['github'], [[githubAuthApiRef, api]]);
    await userEvent.click(
      await screen.findByRole('button', { name: /sign in/i }),
    );
    await waitFor(() =>
      expect(api.getBackstageIdentity).toHaveBeenCalledWith({
        instantPopup: true,
      }),
    );
    // lets the rejection reach the page
    await act(async () => {});
    expect(screen.queryByText(/You are not signed in/)).not.toBeInTheDocument();
    expect(screen.queryByText(/popup was closed/)).not.toBeInTheDocument();
  });
});
