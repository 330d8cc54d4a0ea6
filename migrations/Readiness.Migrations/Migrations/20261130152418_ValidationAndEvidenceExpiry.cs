using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Readiness.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ValidationAndEvidenceExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(name: "validate_by", table: "recommendations", type: "date", nullable: true);

            migrationBuilder.AddColumn<DateOnly>(name: "validated_on", table: "recommendations", type: "date", nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "validation_method",
                table: "recommendations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true
            );

            migrationBuilder.AddColumn<string>(
                name: "validation_reference",
                table: "recommendations",
                type: "character varying(400)",
                maxLength: 400,
                nullable: true
            );

            migrationBuilder.AddColumn<DateOnly>(name: "expires_on", table: "evidence_items", type: "date", nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_validate_by",
                table: "recommendations",
                column: "validate_by",
                filter: "validated_on IS NULL AND validate_by IS NOT NULL"
            );

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_expires_on",
                table: "evidence_items",
                column: "expires_on",
                filter: "expires_on IS NOT NULL"
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(name: "ix_recommendations_validate_by", table: "recommendations");

            migrationBuilder.DropIndex(name: "ix_evidence_items_expires_on", table: "evidence_items");

            migrationBuilder.DropColumn(name: "validate_by", table: "recommendations");

            migrationBuilder.DropColumn(name: "validated_on", table: "recommendations");

            migrationBuilder.DropColumn(name: "validation_method", table: "recommendations");

            migrationBuilder.DropColumn(name: "validation_reference", table: "recommendations");

            migrationBuilder.DropColumn(name: "expires_on", table: "evidence_items");
        }
    }
}
