package dev.leadpact.intake;

/**
 * One invalid input field, in the {@code errors} member of a validation or malformed-request problem;
 * {@code field} is the JSON property or form field name.
 */
public record FieldError(String field, String message) {}
