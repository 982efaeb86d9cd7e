package org.treatygraph.cli;
public class Main { public static void main(String[] a) { } }
