/**
 * Input records (channels and posts) and their JSON Lines reader.
 *
 * <p>This package depends on nothing else of ours. {@link dev.lucenefilter.model.Channel} and
 * {@link dev.lucenefilter.model.Post} are immutable values in the shape of docs/reference.md §1; {@link
 * dev.lucenefilter.model.RecordReader} streams them from JSON Lines with Jackson's streaming API and turns every
 * malformed line into a {@link dev.lucenefilter.model.RecordFormatException} naming the file, the line and the
 * field. Size limits that protect the reader from hostile input are in {@link dev.lucenefilter.model.RecordLimits};
 * the accepted range of instants is {@link dev.lucenefilter.model.Dates}, the canonical form of classifier scores
 * {@link dev.lucenefilter.model.Scores}.
 */
package dev.lucenefilter.model;
