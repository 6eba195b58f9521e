/** Mojos: thin adapters that read parameters, call the domain packages and map results onto Maven. */
package dev.provenance.maven;
