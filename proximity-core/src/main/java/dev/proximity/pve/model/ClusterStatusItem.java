package dev.proximity.pve.model;

/**
 * One entry of {@code GET /cluster/status}: the cluster itself or a node.
 *
 * @param type {@code cluster} or {@code node}
 * @param id e.g. {@code node/pve1}
 * @param name cluster or node name
 * @param ip node IP, or null
 * @param online node is online
 * @param local node is the one answering
 * @param quorate cluster has quorum (cluster entry)
 * @param nodes number of nodes (cluster entry), or null
 * @param nodeId node id, or null
 */
public record ClusterStatusItem(String type, String id, String name, String ip, boolean online, boolean local,
    boolean quorate, Integer nodes, @com.fasterxml.jackson.annotation.JsonProperty("nodeid") Integer nodeId) {}
