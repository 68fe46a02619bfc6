// @ts-check
module.exports = {
  ...require('./LaunchError'),
  ...require('./databaseSettings'),
  ...require('./preflight'),
  ...require('./embeddedPostgres'),
  ...require('./database'),
  ...require('./backendProcess'),
};
