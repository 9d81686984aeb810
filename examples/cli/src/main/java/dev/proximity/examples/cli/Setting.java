package dev.proximity.examples.cli;

/**
 * One resolved setting and where it came from, as {@code proximity config} shows it.
 *
 * @param key the setting name, e.g. {@code endpoint}
 * @param value the value; for a secret only {@code (set)}, never the secret
 * @param source where it came from: {@code flag --endpoint}, {@code env PROXIMITY_ENDPOINT},
 *     {@code file /path}, {@code default}, or {@code unset}
 */
record Setting(String key, String value, String source) {}
