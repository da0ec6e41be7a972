'use strict';
module.exports = { run: async () => {} };
