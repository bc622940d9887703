package dev.hotplex.testkit.model;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides what the {@link FakeModelServer} answers to each Messages request: a list of rules, tried in the order they
 * were added, then a fallback. A rule matches on the {@link ModelRequest} (usually its {@link
 * ModelRequest#lastUserText() last user text}) and answers with a {@link ModelReply}; it is permanent unless limited
 * with {@link When#once()} or {@link When#times(int)}.
 *
 * <p>Without rules the fallback makes the server useful as is: a request whose latest user message is a tool result is
 * answered {@code DONE: tool finished (<result text>)}, any other request {@code ECHO: <last user text>}.
 *
 * <pre>{@code
 * ModelScript script = new ModelScript()
 *         .when(ModelRequest::lastUserTextContains, "RUNTOOL").once()
 *         .reply(ModelReply.bash("echo hi > out.txt", "Write out.txt"))
 *         .when(ModelRequest::lastUserTextContains, "FAIL").reply(ModelReply.invalidRequest("scripted failure"))
 *         .when(request -> request.lastUserText().startsWith("slow"))
 *         .reply(ModelReply.text("finally").after(Duration.ofMillis(500)));
 * }</pre>
 *
 * <p>Thread-safe: rules may be added while requests are being answered, and a one-shot rule answers exactly one
 * request even when several arrive at once.
 */
public final class ModelScript {

    /** Prefix of the fallback answer to a prompt. */
    public static final String ECHO_PREFIX = "ECHO: ";
    /** Prefix of the fallback answer to a tool result. */
    public static final String DONE_PREFIX = "DONE: tool finished (";
    /** The label that starts every answer of the {@link #demo()} script. */
    public static final String DEMO_LABEL = "[hotplex offline demo model]";

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private volatile Function<ModelRequest, ModelReply> fallback = ModelScript::echo;

    /** A script with no rules: every request gets the ECHO/DONE fallback. */
    public ModelScript() {
    }

    /**
     * The deterministic script of the offline demo ({@code hotplex demo}): the first prompt makes the model run
     * {@code ls -1} and then {@code cat README.md} with the Bash tool and summarise them; a later prompt is answered
     * with a text that quotes what those tools returned in the first turn. Every answer starts with
     * {@link #DEMO_LABEL} so nobody mistakes it for a real model.
     */
    public static ModelScript demo() {
        return new ModelScript().otherwise(DemoModel::reply);
    }

    /**
     * The {@link #demo()} script plus directives a prompt may carry on a line of its own, for end-to-end checks:
     * {@code RUN: <command>} makes the model call Bash with that command and then report its result;
     * {@code SLOW: <seconds>} delays the first answer to that prompt. Answers start with {@link #DEMO_LABEL}.
     */
    public static ModelScript directed() {
        return new ModelScript().otherwise(DirectedModel::reply);
    }

    /** Starts a rule for requests matching {@code condition}; finish it with {@link When#reply(ModelReply)}. */
    public When when(Predicate<? super ModelRequest> condition) {
        return new When(Objects.requireNonNull(condition, "condition"));
    }

    /** Starts a rule from a two-argument test, e.g. {@code when(ModelRequest::lastUserTextContains, "RUNTOOL")}. */
    public <T> When when(BiPredicate<? super ModelRequest, T> test, T argument) {
        Objects.requireNonNull(test, "test");
        return when(request -> test.test(request, argument));
    }

    /**
     * Answers the next Messages request, whatever it says, with {@code reply}: a one-shot rule matching anything. Like
     * every rule it is tried after the rules added before it.
     */
    public ModelScript next(ModelReply reply) {
        return when(request -> true).once().reply(reply);
    }

    /** Replaces the fallback used when no rule matches (default: the ECHO/DONE answers described above). */
    public ModelScript otherwise(Function<ModelRequest, ModelReply> fallback) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        return this;
    }

    /** Removes all rules and restores the ECHO/DONE fallback. */
    public ModelScript reset() {
        rules.clear();
        fallback = ModelScript::echo;
        return this;
    }

    /** The answer to {@code request}: the first matching rule that still has uses, else the fallback. */
    public ModelReply replyTo(ModelRequest request) {
        for (Rule rule : rules) {
            if (rule.condition.test(request) && rule.claim()) {
                return Objects.requireNonNull(rule.answer.apply(request), "a rule answered null");
            }
        }
        return Objects.requireNonNull(fallback.apply(request), "the fallback answered null");
    }

    /** The default answer: {@code DONE: tool finished (<result>)} after a tool call, else {@code ECHO: <last user text>}. */
    public static ModelReply echo(ModelRequest request) {
        return request.toolResult()
                .map(result -> ModelReply.text(DONE_PREFIX + result.content() + ")"))
                .orElseGet(() -> ModelReply.text(ECHO_PREFIX + request.lastUserText()));
    }

    /** A rule under construction: choose how often it applies, then what it answers. */
    public final class When {
        private final Predicate<? super ModelRequest> condition;
        private int uses = Rule.UNLIMITED;

        private When(Predicate<? super ModelRequest> condition) {
            this.condition = condition;
        }

        /** The rule answers only the first matching request. */
        public When once() {
            return times(1);
        }

        /** The rule answers the first {@code count} matching requests, then steps aside. */
        public When times(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("a rule must apply at least once, got " + count);
            }
            uses = count;
            return this;
        }

        /** Adds the rule with a fixed answer and returns the script for the next rule. */
        public ModelScript reply(ModelReply reply) {
            Objects.requireNonNull(reply, "reply");
            return replyWith(request -> reply);
        }

        /** Adds the rule with an answer computed from the request and returns the script for the next rule. */
        public ModelScript replyWith(Function<? super ModelRequest, ModelReply> answer) {
            rules.add(new Rule(condition, Objects.requireNonNull(answer, "answer"), uses));
            return ModelScript.this;
        }
    }

    private static final class Rule {
        static final int UNLIMITED = -1;

        final Predicate<? super ModelRequest> condition;
        final Function<? super ModelRequest, ModelReply> answer;
        private final AtomicInteger remaining;

        Rule(Predicate<? super ModelRequest> condition, Function<? super ModelRequest, ModelReply> answer, int uses) {
            this.condition = condition;
            this.answer = answer;
            this.remaining = new AtomicInteger(uses);
        }

        /** Takes one use; false when a limited rule is used up (atomic, so concurrent requests cannot both win). */
        boolean claim() {
            return remaining.get() == UNLIMITED
                    || remaining.getAndUpdate(left -> left > 0 ? left - 1 : 0) > 0;
        }
    }
}
