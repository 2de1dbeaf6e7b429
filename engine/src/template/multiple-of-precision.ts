/**
 * Decimal digits to which `multipleOf` quotients are compared with a whole number (so 0.07 is a
 * multiple of 0.01). Its own file so the web app's forms import this number alone, not the
 * engine's validators.
 */
export const MULTIPLE_OF_PRECISION = 9;
