package dev.hotplex.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MaskThrowableTest {
  private static final String SECRET = "s3cr3t-value-99";
  private final SecretMasker masker = SecretMasker.of(SECRET);

  @Test
  void nestedCausesAndSuppressedAreMaskedWithStackTraces() {
    IOException root = new IOException("connect failed with key " + SECRET);
    IllegalStateException middle = new IllegalStateException("wrapped", root);
    RuntimeException top = new RuntimeException("turn failed");
    top.initCause(middle);
    top.addSuppressed(new IllegalArgumentException("cleanup saw " + SECRET));

    Throwable masked = masker.maskThrowable(top);

    String printed = stackTrace(masked);
    assertThat(printed).doesNotContain(SECRET)
        .contains("java.io.IOException: connect failed with key ****")
        .contains("java.lang.IllegalArgumentException: cleanup saw ****")
        .contains("java.lang.RuntimeException: turn failed")
        .contains("MaskThrowableTest.nestedCausesAndSuppressedAreMaskedWithStackTraces");
    assertThat(masked.getCause().getCause().getStackTrace()).isEqualTo(root.getStackTrace());
  }

  @Test
  void causeCycleDoesNotLoopForever() {
    RuntimeException a = new RuntimeException("a " + SECRET);
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);

    Throwable masked = masker.maskThrowable(a);

    assertThat(masked.getMessage()).isEqualTo("a ****");
    assertThat(masked.getCause().getCause()).isSameAs(masked);
    assertThat(stackTrace(masked)).doesNotContain(SECRET).contains("CIRCULAR REFERENCE");
  }

  @Test
  void chainWithoutSecretsIsReturnedUnchanged() {
    IOException clean = new IOException("no such file", new RuntimeException("inner"));
    assertThat(masker.maskThrowable(clean)).isSameAs(clean);
  }

  private static String stackTrace(Throwable error) {
    StringWriter out = new StringWriter();
    error.printStackTrace(new PrintWriter(out));
    return out.toString();
  }
}
