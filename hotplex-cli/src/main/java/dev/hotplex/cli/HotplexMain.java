package dev.hotplex.cli;

/** Entry point of the {@code hotplex} command. */
public final class HotplexMain {
  private HotplexMain() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
