enum PlaceholderFixtureKit {}
