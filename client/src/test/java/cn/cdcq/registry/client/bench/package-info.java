/**
 * scripts/bench.sh's load generator: the registry and a raw reference chaincode driven side by
 * side through the Fabric Gateway on the project's own network (closed loop, N in flight, warm-up
 * excluded, only committed-valid transactions counted), the public REST verification, JMH for
 * offline verification, CPU and resident memory of every process, and the scale run. A benchmark,
 * never a test: it measures and writes results; it asserts nothing about speed.
 */
package cn.cdcq.registry.client.bench;
