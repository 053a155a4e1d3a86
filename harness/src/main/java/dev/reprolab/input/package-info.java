/**
 * What every layer that reads the user's input shares, and nothing else: the bad-input exception the CLI turns
 * into exit code 2 and the YAML reader that knows where each value came from ({@code file:line:col}). It depends on
 * no other package of the harness.
 */
package dev.reprolab.input;
