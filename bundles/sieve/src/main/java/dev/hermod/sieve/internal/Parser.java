package dev.hermod.sieve.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the syntax tree of a script from its tokens (grammar of RFC 5228 §8.2). */
final class Parser {

    private final List<Token> tokens;
    private int pos;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * @param source the script
     * @return its commands, tags not yet separated from the positional arguments
     * @throws SieveException on a syntax error
     */
    static List<Call> parse(String source) {
        Parser p = new Parser(Lexer.tokenize(source));
        List<Call> commands = p.commands();
        if (p.peek().type() != Token.Type.END) {
            throw new SieveException(p.peek().line(), "unexpected " + p.peek());
        }
        return commands;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token expect(Token.Type type, String what) {
        Token t = tokens.get(pos);
        if (t.type() != type) {
            throw new SieveException(t.line(), "expected " + what + " but found " + t);
        }
        pos++;
        return t;
    }

    private List<Call> commands() {
        List<Call> list = new ArrayList<>();
        while (peek().type() == Token.Type.IDENTIFIER) {
            list.add(command());
        }
        return list;
    }

    private Call command() {
        Token name = expect(Token.Type.IDENTIFIER, "a command");
        List<Argument> args = arguments();
        List<Call> tests = testsAfterArguments();
        List<Call> block = null;
        if (peek().type() == Token.Type.LEFT_BRACE) {
            pos++;
            block = commands();
            expect(Token.Type.RIGHT_BRACE, "'}' or a command");
        } else {
            expect(Token.Type.SEMICOLON, "';' after " + name.text());
        }
        return new Call(name.text(), Map.of(), args, tests, block, name.line());
    }

    private List<Call> testsAfterArguments() {
        List<Call> tests = new ArrayList<>();
        if (peek().type() == Token.Type.LEFT_PAREN) {
            pos++;
            tests.add(test());
            while (peek().type() == Token.Type.COMMA) {
                pos++;
                tests.add(test());
            }
            expect(Token.Type.RIGHT_PAREN, "')' or ','");
        } else if (peek().type() == Token.Type.IDENTIFIER) {
            tests.add(test());
        }
        return tests;
    }

    private Call test() {
        Token name = expect(Token.Type.IDENTIFIER, "a test");
        List<Argument> args = arguments();
        return new Call(name.text(), Map.of(), args, testsAfterArguments(), null, name.line());
    }

    private List<Argument> arguments() {
        List<Argument> args = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.type()) {
                case TAG -> {
                    pos++;
                    args.add(new Argument.Tag(t.text(), t.line()));
                }
                case NUMBER -> {
                    pos++;
                    args.add(new Argument.Num(t.number()));
                }
                case STRING -> {
                    pos++;
                    args.add(new Argument.Strings(List.of(t.text()), false));
                }
                case LEFT_BRACKET -> {
                    pos++;
                    List<String> values = new ArrayList<>();
                    values.add(expect(Token.Type.STRING, "a string").text());
                    while (peek().type() == Token.Type.COMMA) {
                        pos++;
                        values.add(expect(Token.Type.STRING, "a string").text());
                    }
                    expect(Token.Type.RIGHT_BRACKET, "']' or ','");
                    args.add(new Argument.Strings(values, true));
                }
                default -> {
                    return args;
                }
            }
        }
    }
}
