package dev.lucenefilter.search;

import java.time.Instant;

/**
 * One search hit.
 *
 * @param id        the record's id
 * @param kind      {@code post} or {@code channel}
 * @param channelId the post's channel, or the channel's own id
 * @param score     relevance score (also computed when the order is not by relevance)
 * @param date      post date or channel creation
 * @param views     post views, or channel subscribers
 * @param snippet   highlighted passage ({@code <b>}…{@code </b>} around matches) or the text's beginning
 */
public record Hit(String id, String kind, String channelId, float score, Instant date, long views, String snippet) {}
