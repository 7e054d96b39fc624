package io.recurbench.api;

/**
 * Where a model declares its parameters. Names nest with dots ({@code block0.attn.qkv}); a model's
 * parameter list, and so its exact parameter count, comes from these declarations alone.
 */
public interface ParameterScope {

    /** Declares (or, if already declared with the same shape, returns) the parameter {@code name} in this scope. */
    Tensor parameter(String name, Shape shape, Initializer initializer);

    /** A nested scope whose names are prefixed with {@code name + "."}. */
    ParameterScope child(String name);

    /** The graph factory the parameters belong to. */
    Ops ops();
}
