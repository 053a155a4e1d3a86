package dev.reprolab.sim.guest.tools.ps;

import java.util.List;

/**
 * The syntax tree of a PowerShell 2.0 script, as the parser builds it and the evaluator walks it. Every node keeps
 * the offset where PowerShell 2.0 would draw its {@code <<<<} marker when that node fails.
 */
final class Ast {

    private Ast() {
    }

    /** A statement. */
    sealed interface Stmt permits Pipeline, Assign, If, While, DoLoop, For, Foreach, Switch, FunctionDef, Try, Trap,
            Flow, Block {
        int pos();
    }

    /** An expression. */
    sealed interface Expr permits Const, Expandable, Var, ArrayLit, SubExpr, ArraySub, Paren, HashLit, ScriptBlockExpr,
            TypeLit, Cast, Binary, Unary, IncDec, Member, Invoke, Index {
        int pos();
    }

    /** One element of a pipeline: an expression (first only) or a command. */
    sealed interface Element permits ExprElement, Command {
    }

    record ExprElement(Expr expr, List<Redirect> redirects) implements Element {
    }

    /**
     * A command: its name (a bare word as a {@link Const}, or any expression after {@code &}/{@code .}), its
     * arguments, and whether it is dot-sourced.
     */
    record Command(Expr name, List<CommandArg> args, char invocation, List<Redirect> redirects, int nameEnd)
            implements Element {
    }

    /** {@code -Name}, {@code -Name:value}, or a positional value (name null). */
    record CommandArg(String name, Expr value, boolean colon, int pos) {
    }

    /** {@code 2>&1}, {@code > file}, {@code >> file}, {@code 2> file}. */
    record Redirect(int stream, boolean append, Expr target, boolean toOutput) {
    }

    record Pipeline(List<Element> elements, int pos) implements Stmt {
    }

    /** {@code target op value}; op is one of {@code = += -= *= /= %=}. */
    record Assign(Expr target, String op, Stmt value, int pos) implements Stmt {
    }

    record Clause(Stmt condition, Block body) {
    }

    record If(List<Clause> clauses, Block otherwise, int pos) implements Stmt {
    }

    record While(String label, Stmt condition, Block body, int pos) implements Stmt {
    }

    /** {@code do { } while ( )} or {@code do { } until ( )}. */
    record DoLoop(String label, Block body, Stmt condition, boolean until, int pos) implements Stmt {
    }

    record For(String label, Stmt init, Stmt condition, Stmt step, Block body, int pos) implements Stmt {
    }

    record Foreach(String label, String variable, Stmt collection, Block body, int pos) implements Stmt {
    }

    /** One switch clause: a pattern expression (or script block) and its body; pattern null for default. */
    record SwitchClause(Expr pattern, Block body) {
    }

    record Switch(String label, boolean regex, boolean wildcard, boolean exact, boolean caseSensitive, boolean file,
                  Stmt subject, List<SwitchClause> clauses, int pos) implements Stmt {
    }

    record FunctionDef(String name, boolean filter, ScriptBlock body, int pos) implements Stmt {
    }

    record Catch(List<String> types, Block body) {
    }

    record Try(Block body, List<Catch> catches, Block fin, int pos) implements Stmt {
    }

    record Trap(String type, Block body, int pos) implements Stmt {
    }

    /** break, continue (label), return, exit, throw (value). */
    record Flow(String kind, String label, Stmt value, int pos) implements Stmt {
    }

    record Block(List<Stmt> statements, int pos) implements Stmt {
    }

    /** A parameter of a param() block. */
    record Param(String name, String type, Expr defaultValue, boolean mandatory, int position, boolean fromPipeline,
                 boolean fromPipelineByName) {
    }

    /** A script block: optional param() block and named begin/process/end blocks (a plain body is "end"). */
    record ScriptBlock(List<Param> params, boolean cmdletBinding, Block begin, Block process, Block end, String text,
                       List<Trap> traps) {
    }

    record Const(Object value, int pos) implements Expr {
    }

    /** A double-quoted string: literal text parts and embedded expressions. */
    record Expandable(List<Object> parts, int pos) implements Expr {
    }

    /** {@code $name}, {@code $scope:name}, {@code ${...}}; splat for {@code @name}. */
    record Var(String scope, String name, boolean splat, int pos) implements Expr {
    }

    record ArrayLit(List<Expr> items, int pos) implements Expr {
    }

    record SubExpr(Block body, int pos) implements Expr {
    }

    record ArraySub(Block body, int pos) implements Expr {
    }

    record Paren(Stmt inner, int pos) implements Expr {
    }

    record HashEntry(Expr key, Stmt value) {
    }

    record HashLit(List<HashEntry> entries, int pos) implements Expr {
    }

    record ScriptBlockExpr(ScriptBlock block, int pos) implements Expr {
    }

    record TypeLit(String name, int pos) implements Expr {
    }

    record Cast(String type, Expr operand, int pos) implements Expr {
    }

    /** op is lower case without the dash ({@code eq}, {@code ceq}, {@code +}, {@code ..}, {@code and}, {@code f}). */
    record Binary(String op, Expr left, Expr right, int pos) implements Expr {
    }

    /** {@code -not}, {@code !}, {@code -bnot}, unary {@code -}/{@code +}, unary {@code -split}/{@code -join}, {@code ,}. */
    record Unary(String op, Expr operand, int pos) implements Expr {
    }

    record IncDec(Expr target, boolean increment, boolean prefix, int pos) implements Expr {
    }

    record Member(Expr target, Expr name, boolean isStatic, int pos) implements Expr {
    }

    record Invoke(Expr target, Expr name, List<Expr> args, boolean isStatic, int pos) implements Expr {
    }

    record Index(Expr target, Expr index, int pos) implements Expr {
    }
}
