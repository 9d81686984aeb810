package dev.proximity.pve.model;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container configuration ({@code GET .../lxc/{vmid}/config}): every key as text, with typed accessors.
 *
 * @param values config key to value as Proxmox renders it (property strings stay strings)
 */
public record LxcConfig(Map<String, String> values) {

  /**
   * Copies the values.
   *
   * @param values config key to value as Proxmox renders it (property strings stay strings)
   */
  public LxcConfig {
    values = Map.copyOf(values);
  }

  /**
   * Returns one raw value.
   *
   * @param key e.g. {@code net0}
   * @return the value, if set
   */
  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /**
   * Returns the host name.
   *
   * @return the host name, if set
   */
  public Optional<String> hostname() {
    return get("hostname");
  }

  /**
   * Returns the SHA-1 digest to send with an update to detect concurrent edits.
   *
   * @return the digest, empty if absent
   */
  public String digest() {
    return values.getOrDefault("digest", "");
  }

  /**
   * Returns the number of cores, when limited.
   *
   * @return cores, if set
   */
  public Optional<Integer> cores() {
    return get("cores").map(Integer::valueOf);
  }

  /**
   * Returns the memory limit in MiB (Proxmox default 512 when unset).
   *
   * @return MiB
   */
  public int memoryMiB() {
    return get("memory").map(Integer::valueOf).orElse(512);
  }

  /**
   * Returns the swap limit in MiB (Proxmox default 512 when unset).
   *
   * @return MiB
   */
  public int swapMiB() {
    return get("swap").map(Integer::valueOf).orElse(512);
  }

  /**
   * Returns the root file system.
   *
   * @return rootfs, if set
   */
  public Optional<RootFs> rootfs() {
    return get("rootfs").map(RootFs::parse);
  }

  /**
   * Returns one network device.
   *
   * @param index 0 to 31
   * @return the device, if set
   */
  public Optional<Net> net(int index) {
    return get("net" + index).map(Net::parse);
  }

  /**
   * Returns all network devices by index.
   *
   * @return index to device, sorted
   */
  public Map<Integer, Net> nets() {
    Map<Integer, Net> out = new TreeMap<>();
    values.forEach((k, v) -> {
      if (k.matches("net\\d+")) {
        out.put(Integer.valueOf(k.substring(3)), Net.parse(v));
      }
    });
    return out;
  }

  /**
   * Returns the feature flags.
   *
   * @return features, if set
   */
  public Optional<Features> features() {
    return get("features").map(Features::parse);
  }

  /**
   * Returns the tags.
   *
   * @return tags, empty when none
   */
  public Tags tags() {
    return Tags.parse(values.get("tags"));
  }

  /**
   * Returns the description (Proximity keeps its app manifest here).
   *
   * @return the description, if set
   */
  public Optional<String> description() {
    return get("description");
  }

  /**
   * Tells whether the container is unprivileged.
   *
   * @return true when {@code unprivileged: 1}
   */
  public boolean unprivileged() {
    return PropertyStrings.bool(values.getOrDefault("unprivileged", "0"));
  }

  /**
   * Tells whether the container is a template.
   *
   * @return true when {@code template: 1}
   */
  public boolean template() {
    return PropertyStrings.bool(values.getOrDefault("template", "0"));
  }

  /**
   * Returns the lock, e.g. {@code backup} while a backup runs.
   *
   * @return the lock, if any
   */
  public Optional<String> lock() {
    return get("lock");
  }
}
