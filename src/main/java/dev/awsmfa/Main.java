package dev.awsmfa;
public final class Main { public static void main(String[] a) {} }
