package dev.hotplex.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --timeout}: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1h30m}, or ISO-8601 such as {@code PT10M}. */
final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SHORT_FORM = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Override
  public Duration convert(String value) {
    Duration duration = parse(value.strip());
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' is not a positive duration");
    }
    return duration;
  }

  private static Duration parse(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("p")) {
      try {
        return Duration.parse(text);
      } catch (DateTimeParseException e) {
        throw invalid(text);
      }
    }
    Matcher matcher = SHORT_FORM.matcher(lower);
    if (lower.isEmpty() || !matcher.matches()) {
      throw invalid(text);
    }
    try {
      return Duration.ofHours(number(matcher.group(1)))
          .plusMinutes(number(matcher.group(2)))
          .plusSeconds(number(matcher.group(3)));
    } catch (ArithmeticException e) {
      throw invalid(text);
    }
  }

  private static long number(String digits) {
    return digits == null ? 0 : Long.parseLong(digits);
  }

  private static TypeConversionException invalid(String text) {
    return new TypeConversionException("'" + text + "' is not a duration; write it like 90s, 10m, 1h, 1h30m"
        + " or ISO-8601 PT10M");
  }
}
