# Sourced by the evaluate, benchmark and train scripts: builds the module when its classes are
# missing or older than its sources, and prints the runtime classpath (our classes, the model files
# extracted at build time and the runtime dependencies; never the full models jars).
tools_classpath() {
    local module="$here"
    local cp_file="$module/target/tools.classpath"
    local stamp="$module/target/classes/org/caresignal/sentiment/tools/EvaluateTool.class"
    if [[ ! -f "$stamp" || ! -f "$cp_file" || -n "$(find "$module/src/main" "$module/pom.xml" -newer "$stamp" -print -quit)" ]]; then
        echo "Building sentiment-service (compile and runtime classpath)..." >&2
        (cd "$module" && ../mvnw -B -q -Dspotless.check.skip=true compile dependency:build-classpath \
            -Dmdep.includeScope=runtime -Dmdep.outputFile="$cp_file" >&2) || return 1
        touch "$stamp"
    fi
    echo "$module/target/classes:$(cat "$cp_file")"
}
