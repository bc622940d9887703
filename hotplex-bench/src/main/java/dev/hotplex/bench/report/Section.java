package dev.hotplex.bench.report;

/** A section of the report: the Markdown it writes into, the plots it draws, and where the plots are linked. */
abstract class Section {
  protected final Markdown md;
  protected final Plots plots;
  protected final String plotPrefix;

  Section(Markdown md, Plots plots, String plotPrefix) {
    this.md = md;
    this.plots = plots;
    this.plotPrefix = plotPrefix;
  }
}
