package dev.hotplex.session;

/** The agent CLI could not be found; the message names what to install and where hotplex looked. */
public class AgentNotFoundException extends HotplexException {
  public AgentNotFoundException(String message) {
    super(message);
  }
}
