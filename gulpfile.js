const { src, dest } = require('gulp');

// Static assets (icons, codex JSON is compiled by tsc) copied beside the compiled code.
function buildIcons() {
	return src(['icons/*.svg', 'nodes/**/*.svg', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
