DSN = "postgresql://tester:Wq8sLp2Xv9@db.acme-tools.dev:5432/test"  # Python sources are not read
