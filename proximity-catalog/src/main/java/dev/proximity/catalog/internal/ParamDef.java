package dev.proximity.catalog.internal;

import dev.proximity.spi.AppParameter;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A declared parameter with what rendering needs beyond the SPI record.
 *
 * @param parameter the public description
 * @param pattern the compiled pattern, or null when the parameter has none
 * @param length the length of generated values
 */
record ParamDef(AppParameter parameter, Pattern pattern, int length) {

  String name() {
    return parameter.name();
  }

  Optional<Pattern> compiledPattern() {
    return Optional.ofNullable(pattern);
  }
}
