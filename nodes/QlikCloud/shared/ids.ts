/**
 * The one rule for values that name a resource: IDs in URL paths, batch IDs, the IDs a list
 * search puts into a path, and the editor's check of a locator typed by ID. A value passes only
 * when URL normalisation leaves it as it is, so that an ID never changes which resource a
 * request reaches: no `.` or `..` (a dot segment is removed with the segment before it), no
 * percent-encoding (`%2e%2e` is normalised too), no `/`, `\`, `?`, `#`, no control character,
 * nothing empty.
 */

const ID_CHARACTERS = 'A-Za-z0-9._~:@-';

/** One ID: allowed characters, at most 256, and not a dot segment (`.` or `..`). */
const ONE_ID = `(?!\\.{1,2}(?![${ID_CHARACTERS}]))[${ID_CHARACTERS}]{1,256}`;

/** The editor's check of one ID (a resource locator's By ID mode). */
export const ID_REGEX = `^${ONE_ID}$`;

/** The editor's check of one ID or several separated by commas. */
export const ID_LIST_REGEX = `^\\s*${ONE_ID}(?:\\s*,\\s*${ONE_ID})*\\s*$`;

/** What an ID may be, for error messages. */
export const ID_RULE =
	"An ID has only letters, digits, '-', '_', '.', ':', '@' and '~' (at most 256), and is not \".\" or \"..\"";

const ID = new RegExp(ID_REGEX);

/** Whether a (trimmed) value is an ID that reaches the resource it names. */
export function isId(value: string): boolean {
	return ID.test(value);
}

/** Repeated percent-decoding, as far as it goes: what a lenient server may end up reading. */
function decodings(value: string): string[] {
	const out = [value];
	let current = value;
	for (let round = 0; round < 3 && /%[0-9a-f]{2}/i.test(current); round++) {
		try {
			current = decodeURIComponent(current);
		} catch {
			current = current.replace(/%2e/gi, '.').replace(/%2f/gi, '/').replace(/%5c/gi, '\\');
		}
		out.push(current);
	}
	return out;
}

/**
 * What is wrong with a free-text path segment (a name, a fingerprint, a file alias, or one
 * segment of a file path), or undefined when URL normalisation cannot change it once encoded.
 */
export function segmentProblem(value: string): string | undefined {
	for (const form of decodings(value)) {
		if (form.trim() === '') return 'is empty';
		if (form === '.' || form === '..') return `must not be "." or ".." (or their encodings)`;
		if (/[/\\?#]/.test(form)) return 'must not contain "/", "\\", "?" or "#"';
		if ([...form].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
			return 'must not contain control characters';
		}
	}
	return undefined;
}
