// How much the API stores: every string a client sends has a maximum length, every list a maximum
// number of items. The real API publishes no lengths; these are ours (docs/behaviour.md, "Limits").

/** Names, references, codes: most of what a client sends. */
export const text = { type: 'string', maxLength: 255 } as const;
/** Free text and URLs: descriptions, purposes, links. */
export const longText = { type: 'string', maxLength: 2000 } as const;
