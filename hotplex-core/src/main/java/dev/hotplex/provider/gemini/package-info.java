/** The Gemini CLI ({@code gemini --acp}) as a hotplex provider, over the shared Agent Client Protocol client. */
package dev.hotplex.provider.gemini;
