/**
 * Stands in for @apidevtools/json-schema-ref-parser under jest. openapi-backend requires it when
 * loaded, but it is an ES module, which jest 29 cannot require. The simulator runs
 * openapi-backend in quick mode, which dereferences with dereference-json-schema and never calls
 * this parser (beyond a parse of the object it is given): any other call is a bug, and says so.
 */
const unused = () => {
	throw new Error(
		'json-schema-ref-parser is not loaded under jest; use openapi-backend quick mode',
	);
};
/** Quick mode still "parses" the document it is given (the result is not used): it is kept as is. */
const parse = async (document) => {
	if (document && typeof document === 'object') return document;
	return unused();
};
module.exports = { dereference: unused, resolve: unused, parse };
