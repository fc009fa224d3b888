package dev.hermod.testing;
