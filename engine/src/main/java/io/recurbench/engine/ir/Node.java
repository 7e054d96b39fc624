package io.recurbench.engine.ir;

import io.recurbench.api.DType;
import io.recurbench.api.Shape;

/**
 * One SSA value of a {@link Graph}: {@code op} applied to earlier nodes.
 *
 * @param id     index of this node in its graph; inputs always have smaller ids
 * @param op     the primitive and its static attributes
 * @param inputs ids of the operand nodes
 * @param shape  inferred result shape
 * @param dtype  inferred result dtype
 * @param site   where it was traced ({@code Class.method:line} of the caller), for error messages
 */
public record Node(int id, Op op, int[] inputs, Shape shape, DType dtype, String site) {}
