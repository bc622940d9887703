package dev.hotplex.testkit.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@link ModelScript#directed()} "model": the offline demo, plus two directives a prompt may carry on a line of
 * its own, so an end-to-end check (a CI pipeline, say) can make the model do one specific thing:
 *
 * <ul>
 *   <li>{@code RUN: <command>}: the model calls the Bash tool with that command, then ends the turn with
 *       {@code DONE: tool finished (<result>)} (the tool result, or hotplex's reason when the call was denied);</li>
 *   <li>{@code SLOW: <seconds>}: the model's first answer to that prompt comes only after that many seconds.</li>
 * </ul>
 *
 * <p>A prompt without directives gets the demo's answers. Like the demo it decides from the request alone.
 */
final class DirectedModel {
    static final String RUN = "RUN:";
    static final String SLOW = "SLOW:";

    private DirectedModel() {
    }

    static ModelReply reply(ModelRequest request) {
        List<String> prompts = request.userTexts();
        String prompt = prompts.isEmpty() ? "" : prompts.get(prompts.size() - 1);
        Optional<String> command = directive(prompt, RUN);
        Duration delay = directive(prompt, SLOW).map(DirectedModel::seconds).orElse(Duration.ZERO);
        boolean firstAnswer = request.toolResult().isEmpty();
        if (command.isPresent()) {
            return firstAnswer
                    ? say("Running the command from the prompt.")
                            .plus(ModelReply.bash(command.get(), "Run the command from the prompt")).after(delay)
                    : ModelScript.echo(request);
        }
        if (firstAnswer && !delay.isZero()) {
            return say("Answered after " + delay.toSeconds() + " s, as the prompt asked.").after(delay);
        }
        return DemoModel.reply(request);
    }

    /** The rest of the first line that starts with {@code name}, trimmed. */
    static Optional<String> directive(String prompt, String name) {
        return prompt.lines().map(String::strip).filter(line -> line.startsWith(name))
                .map(line -> line.substring(name.length()).strip()).filter(value -> !value.isEmpty()).findFirst();
    }

    private static Duration seconds(String text) {
        try {
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SLOW + " needs a whole number of seconds, not '" + text + "'", e);
        }
    }

    private static ModelReply say(String text) {
        return ModelReply.text(ModelScript.DEMO_LABEL + " " + text);
    }
}
