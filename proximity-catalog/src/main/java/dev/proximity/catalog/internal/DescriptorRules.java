package dev.proximity.catalog.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.proximity.catalog.CatalogException;
import dev.proximity.catalog.HealthCheck;
import dev.proximity.spi.AppParameter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The rules for the parameters and the health check of an {@code app.yaml}. */
final class DescriptorRules {
  private final String entryId;
  private final String appFile;

  DescriptorRules(String entryId, String appFile) {
    this.entryId = entryId;
    this.appFile = appFile;
  }

  List<ParamDef> parameters(List<AppDescriptor.Parameter> raw) {
    if (raw == null) {
      return List.of();
    }
    List<ParamDef> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      out.add(parameter(raw.get(i), "parameters[" + i + "]", seen));
    }
    return List.copyOf(out);
  }

  private ParamDef parameter(AppDescriptor.Parameter p, String at, Set<String> seen) {
    if (p == null) {
      fail(at, "must be a mapping");
    }
    String name = required(p.name(), at + ".name");
    if (!Placeholders.NAME.matcher(name).matches()) {
      fail(at + ".name", "'" + name + "' must match " + Placeholders.NAME.pattern());
    }
    if (!seen.add(name)) {
      fail(at + ".name", "duplicate parameter '" + name + "'");
    }
    AppParameter.Type type = null;
    String typeText = required(p.type(), at + ".type");
    for (AppParameter.Type t : AppParameter.Type.values()) {
      if (t.name().toLowerCase(Locale.ROOT).equals(typeText)) {
        type = t;
      }
    }
    if (type == null) {
      fail(at + ".type", "unknown type '" + typeText
          + "'; one of string, integer, boolean, email, url, port, password");
    }
    String description = required(p.description(), at + ".description");
    boolean secret = Boolean.TRUE.equals(p.secret());
    boolean generated = Boolean.TRUE.equals(p.generated());
    boolean required = Boolean.TRUE.equals(p.required());
    String defaultValue = null;
    if (p.defaultValue() != null && !p.defaultValue().isNull()) {
      JsonNode node = p.defaultValue();
      if (!(node.isTextual() || node.isIntegralNumber() || node.isBoolean())) {
        fail(at + ".default", "must be a string, an integer or a boolean");
      }
      defaultValue = node.asText();
    }
    if (secret && defaultValue != null) {
      fail(at + ".default", "a secret parameter must not have a default value: every deploy"
          + " would share it; mark it generated: true or require it from the user");
    }
    if (type == AppParameter.Type.PASSWORD && !secret) {
      fail(at + ".secret", "a parameter of type password must be secret: true");
    }
    if (generated && defaultValue != null) {
      fail(at + ".default", "a generated parameter must not have a default value");
    }
    if (generated && type != AppParameter.Type.PASSWORD && type != AppParameter.Type.STRING) {
      fail(at + ".generated", "only string and password parameters can be generated");
    }
    if (p.length() != null && !generated) {
      fail(at + ".length", "length applies to generated parameters only");
    }
    boolean regenerateOnClone = Boolean.TRUE.equals(p.regenerateOnClone());
    if (regenerateOnClone && !secret) {
      fail(at + ".regenerateOnClone", "applies to secret parameters only: a clone keeps every"
          + " public value; remove the flag or mark the parameter secret: true");
    }
    if (regenerateOnClone && !generated) {
      fail(at + ".regenerateOnClone", "applies to generated secrets only: the clone's fresh"
          + " value comes from the generator; add generated: true or remove the flag");
    }
    int length = p.length() == null ? Secrets.DEFAULT_LENGTH : p.length();
    if (length < Secrets.MIN_LENGTH || length > Secrets.MAX_LENGTH) {
      fail(at + ".length", "must be " + Secrets.MIN_LENGTH + ".." + Secrets.MAX_LENGTH);
    }
    Pattern pattern = null;
    if (p.pattern() != null) {
      try {
        pattern = Pattern.compile(p.pattern());
      } catch (PatternSyntaxException e) {
        fail(at + ".pattern", "is not a valid regular expression: " + e.getDescription());
      }
    }
    AppParameter parameter = new AppParameter(name, type, description,
        Optional.ofNullable(defaultValue), Optional.ofNullable(p.pattern()), required, secret,
        generated, regenerateOnClone);
    ParamDef def = new ParamDef(parameter, pattern, length);
    if (defaultValue != null) {
      String problem = ParameterValues.problem(def, defaultValue);
      if (problem != null) {
        fail(at + ".default", "the default is invalid: " + problem);
      }
    }
    if (generated && pattern != null
        && !pattern.matcher(Secrets.generate(length)).matches()) {
      fail(at + ".pattern", "generated values (letters and digits) must match the pattern");
    }
    return def;
  }

  Optional<HealthCheck> healthCheck(AppDescriptor.Check c) {
    if (c == null) {
      return Optional.empty();
    }
    String service = required(c.service(), "healthCheck.service");
    List<String> test = c.test();
    if (test == null || test.size() < 2
        || !(test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL"))) {
      fail("healthCheck.test", "must be a list: CMD and an argv, or CMD-SHELL and one command");
    }
    if (test.get(0).equals("CMD-SHELL") && test.size() != 2) {
      fail("healthCheck.test", "CMD-SHELL takes exactly one command string");
    }
    for (int i = 0; i < test.size(); i++) {
      String item = test.get(i);
      if (item == null) {
        fail("healthCheck.test[" + i + "]", "must be a string");
      }
      try {
        if (!Placeholders.references(item).isEmpty()) {
          fail("healthCheck.test[" + i + "]", "parameters cannot be used in a health check");
        }
      } catch (IllegalArgumentException e) {
        fail("healthCheck.test[" + i + "]", e.getMessage());
      }
    }
    Duration interval = duration(c.interval(), "healthCheck.interval", Duration.ofSeconds(30));
    Duration timeout = duration(c.timeout(), "healthCheck.timeout", Duration.ofSeconds(10));
    Duration start = duration(c.startPeriod(), "healthCheck.startPeriod", Duration.ofSeconds(30));
    int retries = c.retries() == null ? 3 : c.retries();
    if (retries < 1 || retries > 100) {
      fail("healthCheck.retries", "must be 1..100");
    }
    return Optional.of(new HealthCheck(service, test, interval, timeout, retries, start));
  }

  private Duration duration(String text, String field, Duration fallback) {
    if (text == null) {
      return fallback;
    }
    Duration d = Durations.parse(text);
    if (d == null || d.isZero() && !field.endsWith("startPeriod")) {
      fail(field, "must be a positive Compose duration such as 30s, 1m30s or 500ms");
    }
    return d;
  }

  private String required(String value, String field) {
    if (value == null || value.isBlank()) {
      fail(field, "is required");
    }
    return value;
  }

  private void fail(String field, String rule) {
    throw new CatalogException(entryId, appFile, field, rule);
  }
}
