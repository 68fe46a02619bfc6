/**
 * An error that stops start-up with a message meant for the person at the
 * terminal: what is wrong, where, and what to do about it.
 */
class LaunchError extends Error {
  constructor(message) {
    super(message);
    this.name = 'LaunchError';
  }
}

module.exports = { LaunchError };
