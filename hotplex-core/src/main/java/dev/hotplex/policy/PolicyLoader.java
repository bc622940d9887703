package dev.hotplex.policy;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.hotplex.policy.PolicySpec.MatchSpec;
import dev.hotplex.policy.PolicySpec.RuleSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one policy document (YAML, or JSON when the name ends in {@code .json}) and merges it onto a base policy.
 * Every problem becomes a {@link PolicyFileException} with file, line and column; nothing is silently ignored.
 */
final class PolicyLoader {
  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private final String name;
  private final byte[] content;
  private final JsonFactory factory;

  PolicyLoader(String name, byte[] content) {
    this.name = name;
    this.content = content;
    this.factory = name.endsWith(".json") ? new JsonFactory() : new YAMLFactory();
  }

  /** Parses the document and applies it to {@code base} (null: no base). */
  Policy applyTo(Policy base) {
    PolicySpec spec = parse();
    try {
      return merge(base, spec);
    } catch (SpecError e) {
      throw located(e.pointer, e.getMessage());
    }
  }

  private PolicySpec parse() {
    ObjectMapper mapper = (factory instanceof YAMLFactory ? YAMLMapper.builder() : JsonMapper.builder())
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        // A list item left empty ("-" with nothing after it, a bare anchor) is an error at that item, not a null.
        .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
        .build();
    try {
      PolicySpec spec = mapper.readValue(content, PolicySpec.class);
      if (spec == null) {
        throw new PolicyFileException(name, 0, 0, "the policy file is empty; write at least 'version: 1'");
      }
      return spec;
    } catch (InvalidNullException e) {
      throw at(locationOf(e), "empty list entry in '" + e.getPropertyName() + "'; give it a value or remove the '-'");
    } catch (UnrecognizedPropertyException e) {
      throw at(locationOf(e), "unknown field '" + e.getPropertyName() + "'; known fields here: "
          + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      String message = e.getOriginalMessage();
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException) {
        message = cause.getMessage();
      }
      throw at(locationOf(e), firstLine(message));
    } catch (JsonProcessingException e) {
      throw at(e.getLocation(), firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new PolicyFileException(name, 0, 0, "cannot read: " + e.getMessage());
    }
  }

  private Policy merge(Policy base, PolicySpec spec) {
    if (spec.version() != null && spec.version() != 1) {
      throw new SpecError("/version", "unsupported version " + spec.version() + "; this hotplex reads version 1");
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    List<String> allow = new ArrayList<>();
    List<String> readable = new ArrayList<>();
    List<String> secret = new ArrayList<>();
    Decision defaultDecision = Decision.ALLOW;
    String extendsPolicy = spec.extendsPolicy() == null ? "default" : spec.extendsPolicy();
    if (!extendsPolicy.equals("default") && !extendsPolicy.equals("none")) {
      throw new SpecError("/extends", "extends must be 'default' or 'none', not '" + extendsPolicy + "'");
    }
    if (base != null && extendsPolicy.equals("default")) {
      base.rules().forEach(r -> rules.put(r.id(), r));
      allow.addAll(base.allowPaths());
      readable.addAll(base.readablePaths());
      secret.addAll(base.secretPaths());
      defaultDecision = base.defaultDecision();
    }
    if (spec.defaultDecision() != null) {
      defaultDecision = spec.defaultDecision();
    }
    checkPaths(spec.allowPaths(), "/allowPaths", true);
    checkPaths(spec.readablePaths(), "/readablePaths", false);
    checkPaths(spec.secretPaths(), "/secretPaths", false);
    allow.addAll(list(spec.allowPaths()));
    readable.addAll(list(spec.readablePaths()));
    secret.addAll(list(spec.secretPaths()));
    List<String> disable = list(spec.disable());
    for (int i = 0; i < disable.size(); i++) {
      if (rules.remove(disable.get(i)) == null) {
        throw new SpecError("/disable/" + i, "cannot disable unknown rule id '" + disable.get(i) + "'"
            + suggestion(rules, disable.get(i)));
      }
    }
    List<RuleSpec> overrides = list(spec.override());
    for (int i = 0; i < overrides.size(); i++) {
      String pointer = "/override/" + i;
      RuleSpec o = overrides.get(i);
      require(o.id(), pointer, "id");
      Rule old = rules.get(o.id());
      if (old == null) {
        throw new SpecError(pointer + "/id", "cannot override unknown rule id '" + o.id() + "'"
            + suggestion(rules, o.id()) + "; add it under 'rules' instead");
      }
      rules.put(o.id(), new Rule(o.id(), o.category() != null ? o.category() : old.category(),
          o.decision() != null ? o.decision() : old.decision(), o.reason() != null ? o.reason() : old.reason(),
          o.match() != null ? compile(o.match(), pointer) : old.alternatives()));
    }
    List<RuleSpec> added = list(spec.rules());
    for (int i = 0; i < added.size(); i++) {
      String pointer = "/rules/" + i;
      RuleSpec r = added.get(i);
      require(r.id(), pointer, "id");
      if (!RULE_ID.matcher(r.id()).matches()) {
        throw new SpecError(pointer + "/id", "rule id '" + r.id() + "' must be lower case letters, digits,"
            + " '.', '_' or '-', e.g. my-team.no-terraform-apply");
      }
      if (rules.containsKey(r.id())) {
        throw new SpecError(pointer + "/id", "rule id '" + r.id() + "' already exists; use 'override' to change"
            + " it or choose a new id");
      }
      require(r.decision(), pointer, "decision");
      require(r.reason(), pointer, "reason");
      require(r.match(), pointer, "match");
      rules.put(r.id(), new Rule(r.id(), r.category() == null ? "custom" : r.category(), r.decision(),
          r.reason(), compile(r.match(), pointer)));
    }
    return new Policy(List.copyOf(rules.values()), defaultDecision, allow, readable, secret);
  }

  private static List<RuleMatcher> compile(List<MatchSpec> match, String pointer) {
    if (match.isEmpty()) {
      throw new SpecError(pointer + "/match", "match is empty; give at least one condition");
    }
    List<RuleMatcher> alternatives = new ArrayList<>();
    for (int i = 0; i < match.size(); i++) {
      try {
        alternatives.add(new RuleMatcher(match.get(i)));
      } catch (SpecError e) {
        throw e.under(pointer + "/match/" + i);
      }
    }
    return List.copyOf(alternatives);
  }

  private static void checkPaths(List<String> paths, String pointer, boolean roots) {
    List<String> items = list(paths);
    for (int i = 0; i < items.size(); i++) {
      String path = items.get(i);
      if (roots && !(path.startsWith("/") || path.equals("~") || path.startsWith("~/"))) {
        throw new SpecError(pointer + "/" + i, "allowPaths entry '" + path + "' must be absolute or start with ~/");
      }
      if (!roots) {
        try {
          PathGlob.compile(path);
        } catch (IllegalArgumentException e) {
          throw new SpecError(pointer + "/" + i, e.getMessage());
        }
      }
    }
  }

  private static void require(Object value, String pointer, String field) {
    if (value == null) {
      throw new SpecError(pointer, "missing required field '" + field + "'");
    }
  }

  private static String suggestion(Map<String, Rule> rules, String id) {
    String prefix = id.contains(".") ? id.substring(0, id.indexOf('.') + 1) : id;
    List<String> near = rules.keySet().stream().filter(k -> k.startsWith(prefix)).limit(8).toList();
    return near.isEmpty() ? "" : " (rules with that prefix: " + near + ")";
  }

  /** Where the offending field starts; Jackson's own location is where the parser stopped, often a line later. */
  private JsonLocation locationOf(JsonMappingException e) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
    }
    JsonLocation found = pointer.length() == 0 ? null : locate(pointer.toString());
    return found != null ? found : e.getLocation();
  }

  private PolicyFileException located(String pointer, String message) {
    return at(locate(pointer), message);
  }

  private PolicyFileException at(JsonLocation location, String message) {
    if (location == null || location.getLineNr() <= 0) {
      return new PolicyFileException(name, 0, 0, message);
    }
    return new PolicyFileException(name, location.getLineNr(), location.getColumnNr(), message);
  }

  /**
   * The location of the value at a JSON pointer, found by streaming the document. A single value given where a
   * list is accepted ({@code match: {...}}) has no {@code /0} step, so shorter variants are tried.
   */
  private JsonLocation locate(String pointer) {
    for (String candidate = pointer; ; candidate = parent(candidate)) {
      JsonLocation found = find(candidate);
      if (found == null && candidate.contains("/match/0")) {
        found = find(candidate.replace("/match/0", "/match"));
      }
      if (found != null || candidate.isEmpty()) {
        return found;
      }
    }
  }

  private JsonLocation find(String pointer) {
    try (JsonParser parser = factory.createParser(content)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          if (parser.getParsingContext().pathAsPointer().toString().equals(pointer)) {
            return parser.currentTokenLocation();
          }
          continue;
        }
        String here = parser.getParsingContext().pathAsPointer().toString();
        if (token.isStructStart()) {
          here = parser.getParsingContext().getParent() == null ? ""
              : parser.getParsingContext().getParent().pathAsPointer().toString();
        }
        if (here.equals(pointer)) {
          return parser.currentTokenLocation();
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }

  private static String parent(String pointer) {
    int slash = pointer.lastIndexOf('/');
    return slash <= 0 ? "" : pointer.substring(0, slash);
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private static <T> List<T> list(List<T> items) {
    return items == null ? List.of() : items;
  }
}
