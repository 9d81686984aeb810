package dev.proximity.pve.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A task in a task list ({@code /nodes/{node}/tasks}, {@code /cluster/tasks}).
 *
 * @param upid UPID text
 * @param node node
 * @param type worker type
 * @param id task object id
 * @param user user
 * @param status exit text ({@code OK}, an error) or {@code RUNNING}; null while running on some versions
 * @param startTime start, epoch seconds
 * @param endTime end, epoch seconds, or null while running
 */
public record TaskSummary(String upid, String node, String type, String id, String user, String status,
    @JsonProperty("starttime") long startTime, @JsonProperty("endtime") Long endTime) {}
