package dev.lucenefilter.policy;

/**
 * Receives {@link PolicyEvent}s from a {@link PolicyRegistry}, on the thread that caused them. A listener that
 * throws is logged and otherwise ignored: it can never undo or block a swap.
 */
@FunctionalInterface
public interface PolicyListener {
  void onEvent(PolicyEvent event);
}
