#!/bin/sh
# Rebuilds the released connector-api (jar, pom, checksums) in this folder from the current sources,
# then drops the copy Maven cached in the local repository so that the next build reads the new one.
# Usage: connector-api/released/regenerate.sh   (from anywhere; needs mvn and Maven Central)
set -eu
released=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$released")
root=$(dirname "$module")
version=$(sed -n 's:.*<weir.api.baseline.version>\([0-9][0-9.]*\)</weir.api.baseline.version>.*:\1:p' "$module/pom.xml")
[ -n "$version" ] || { echo "regenerate: no weir.api.baseline.version in $module/pom.xml" >&2; exit 1; }

mvn -B -q -f "$root/pom.xml" -pl connector-api -Prelease-baseline -DskipTests clean package

target="$released/io/weir/connector-api/$version"
mkdir -p "$target"
cp "$module/target/release-baseline/connector-api-$version.jar" "$target/connector-api-$version.jar"
# A standalone pom: whoever resolves the released artifact must not need the reactor's parent pom.
cat > "$target/connector-api-$version.pom" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>io.weir</groupId>
  <artifactId>connector-api</artifactId>
  <version>$version</version>
  <name>Weir connector API</name>
  <description>The plugin SPI: the only thing a Weir plugin imports.</description>
  <licenses><license><name>Apache-2.0</name></license></licenses>
  <dependencies>
    <dependency>
      <groupId>org.osgi</groupId>
      <artifactId>osgi.annotation</artifactId>
      <version>8.1.0</version>
      <scope>provided</scope>
    </dependency>
  </dependencies>
</project>
POM
for f in "$target/connector-api-$version.jar" "$target/connector-api-$version.pom"; do
    sha1sum "$f" | cut -d' ' -f1 | tr -d '\n' > "$f.sha1"
done

local_repo=${MAVEN_LOCAL_REPO:-$HOME/.m2/repository}
rm -rf "$local_repo/io/weir/connector-api/$version"
echo "regenerated $target (and cleared $local_repo/io/weir/connector-api/$version)"
