import '@testing-library/jest-dom';

// CI machines have two cores shared with other test suites: give rendering
// time before a findBy* gives up, and the test before Jest does.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
