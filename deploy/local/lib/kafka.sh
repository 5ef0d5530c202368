# shellcheck shell=bash
# Kafka as one KRaft broker+controller on 127.0.0.1, run from Maven Central jars that Maven
# resolves once into $CACHE; topics as migration-events' topics.tsv declares them. Copier hosts
# reach it on a listener of their own (FLEET) on the stack's host address, advertised as that.

KAFKA_LIB=$CACHE/kafka-$KAFKA_VERSION/lib
TOPICS_FILE=$REPO/migration-events/src/main/resources/dev/glancemigrator/events/topics.tsv

kafka_fetch_jars() {
    [ -f "$KAFKA_LIB/.complete" ] && return 0
    log "resolving Kafka $KAFKA_VERSION jars with Maven into $KAFKA_LIB"
    rm -rf "$KAFKA_LIB"; mkdir -p "$KAFKA_LIB"
    mvn -B -q -Dstyle.color=never -f "$REPO/deploy/local/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
        dependency:copy-dependencies -DoutputDirectory="$KAFKA_LIB" -DincludeScope=runtime ||
        die "could not resolve the Kafka jars"
    touch "$KAFKA_LIB/.complete"
}

kafka_java() { java -Xms256m -Xmx1g -Dlog4j2.configurationFile="$STATE/kafka/log4j2.properties" -cp "$KAFKA_LIB/*" "$@"; }

kafka_configure() {
    local dir=$STATE/kafka listeners advertised
    mkdir -p "$dir/data" "$dir/logs"
    listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
    advertised=PLAINTEXT://127.0.0.1:$KAFKA_PORT
    if [ "$(host_address)" != 127.0.0.1 ]; then
        listeners+=,FLEET://$(host_address):$KAFKA_FLEET_PORT
        advertised+=,FLEET://$(host_address):$KAFKA_FLEET_PORT
    fi
    cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=$listeners
advertised.listeners=$advertised
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,FLEET:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
    cat >"$dir/log4j2.properties" <<PROPS
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$dir/logs/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=WARN
logger.apache.name=org.apache.kafka
logger.apache.level=WARN
PROPS
}

kafka_up() {
    local dir=$STATE/kafka
    kafka_fetch_jars
    kafka_configure
    if [ ! -f "$dir/data/meta.properties" ]; then
        # 16 random bytes in URL-safe base64, as Kafka's own ids. One that begins with '-' would be
        # taken for an option after `-t`; the `--cluster-id=` form cannot be, and such ids are
        # drawn again anyway, as Kafka's Uuid.randomUuid() does.
        local cluster_id=-
        while [[ $cluster_id != [A-Za-z0-9]* ]]; do
            cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
        done
        kafka_java kafka.tools.StorageTool format --cluster-id="$cluster_id" -c "$dir/server.properties" \
            >"$dir/format.log" 2>&1 || die "Kafka storage format failed (see $dir/format.log)"
    fi
    process_running kafka || process_spawn kafka "$dir/logs/stdout.log" \
        java -Xms256m -Xmx1g -Dlog4j2.configurationFile="$dir/log4j2.properties" -cp "$KAFKA_LIB/*" \
        kafka.Kafka "$dir/server.properties"
    wait_for "Kafka" 90 port_open "$KAFKA_PORT"
    kafka_java "$REPO/deploy/local/kafka/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" "$TOPICS_FILE" ||
        die "could not create the topics"
}

kafka_down() { process_stop kafka; }
