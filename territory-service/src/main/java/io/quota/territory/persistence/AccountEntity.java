package io.quota.territory.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;

@Entity
@Table(name = "account")
public class AccountEntity {
    @Id
    public String id;
    public String name;
    public String country;
    public String province;
    public String city;
    @Column(name = "postal_code")
    public String postalCode;
    public String industry;
    @Column(name = "customer_type")
    public String customerType;
    public BigDecimal potential;
    public String currency;
    public int workload;
    public String status;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_by")
    public String updatedBy;
}
