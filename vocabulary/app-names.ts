/**
 * Heroku's rule for app names: 3 to 30 characters, starting with a lowercase
 * letter, then lowercase letters, digits and dashes. The platform answers
 * "Name must start with a letter, end with a letter or digit and can only
 * contain lowercase letters, digits, and dashes." for anything else.
 */
export const APP_NAME_PATTERN = /^[a-z][a-z0-9-]{1,28}[a-z0-9]$/;
export const APP_NAME_MIN = 3;
export const APP_NAME_MAX = 30;

/** Config var keys: a letter or underscore first, then letters, digits and underscores. */
export const CONFIG_VAR_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A DNS hostname of at least two labels, each 1–63 characters, optionally a
 * leading wildcard label. DNS names are case-insensitive: any case is a
 * hostname, and dynoform writes it in lower case.
 */
export const HOSTNAME_PATTERN = /^(\*\.)?([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;

/**
 * Add-on attachment names (`as`): the prefix of the config vars the
 * attachment sets (`DATABASE` → `DATABASE_URL`), so upper case, a letter first.
 */
export const ATTACHMENT_NAME_PATTERN = /^[A-Z][A-Z0-9_]*$/;

/** Process type names, from the Platform API schema (`formation.type`). */
export const PROCESS_TYPE_PATTERN = /^[-\w]{1,128}$/;
