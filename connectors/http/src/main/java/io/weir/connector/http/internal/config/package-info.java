/** Reading and checking component configuration, with messages that name the file and the key. */
package io.weir.connector.http.internal.config;
