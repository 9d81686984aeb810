package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One task log line.
 *
 * @param number line number, counting from 1
 * @param text the line
 */
public record TaskLogLine(@JsonProperty("n") int number, @JsonProperty("t") String text) {}
