import type { IDataObject } from 'n8n-workflow';

/**
 * A JSON body that Qlik's spec requires. n8n sends no body at all for an empty object, so an
 * empty one goes as the bytes `{}` with its Content-Type: the request still carries a body.
 */
export function requiredJsonBody(
	values: IDataObject,
	contentType = 'application/json',
): { body: IDataObject | Buffer; headers: IDataObject } {
	const headers = { 'Content-Type': contentType };
	if (Object.keys(values).length > 0) return { body: values, headers };
	return { body: Buffer.from('{}'), headers };
}
